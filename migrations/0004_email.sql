CREATE TABLE `branding` (
	`account_id` text PRIMARY KEY NOT NULL,
	`logo_url` text,
	`primary_color` text NOT NULL,
	`secondary_color` text NOT NULL,
	`organisation` text NOT NULL,
	`address` text NOT NULL,
	`website` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`subject` text NOT NULL,
	`preheader` text,
	`from_name` text NOT NULL,
	`from_address` text NOT NULL,
	`reply_to` text,
	`commercial` integer DEFAULT false NOT NULL,
	`template_id` text,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`audience` text NOT NULL,
	`scheduled_at` integer,
	`timezone` text DEFAULT 'America/Lima' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`reservation_id` text,
	`sent_by` text,
	`pause_reason` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `campaigns_account` ON `campaigns` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`campaign_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`code` integer,
	`detail` text,
	`message_id` text,
	PRIMARY KEY(`campaign_id`, `contact_id`)
);
--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`campaign_id`,`status`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`fields` text NOT NULL,
	`gallery_key` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `templates_account` ON `templates` (`account_id`,`updated_at`);