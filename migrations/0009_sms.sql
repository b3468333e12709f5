CREATE TABLE `short_links` (
	`code` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`campaign_id` text,
	`message_id` text,
	`contact_id` integer,
	`url` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `short_links_campaign` ON `short_links` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `sms_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`base_url` text NOT NULL,
	`username` text,
	`password` text,
	`sender` text NOT NULL,
	`operators` text DEFAULT '["*"]' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`rate_per_second` integer DEFAULT 50 NOT NULL,
	`secret` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_connections_account` ON `sms_connections` (`account_id`,`priority`);--> statement-breakpoint
CREATE TABLE `sms_inbound` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text,
	`from_number` text NOT NULL,
	`to_number` text,
	`text` text NOT NULL,
	`contact_id` integer,
	`keyword` text,
	`action` text,
	`read` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_inbound_account_number` ON `sms_inbound` (`account_id`,`from_number`,`received_at`);--> statement-breakpoint
CREATE INDEX `sms_inbound_account_received` ON `sms_inbound` (`account_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `sms_keywords` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`keyword` text NOT NULL,
	`actions` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_keywords_account_keyword` ON `sms_keywords` (`account_id`,`keyword`);--> statement-breakpoint
CREATE TABLE `sms_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`campaign_id` text,
	`contact_id` integer,
	`to_number` text NOT NULL,
	`sender` text,
	`text` text NOT NULL,
	`encoding` text NOT NULL,
	`segments` integer NOT NULL,
	`status` text NOT NULL,
	`connection_id` text,
	`operator` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`sent_by` text,
	`reservation_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`done_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_messages_campaign_contact` ON `sms_messages` (`campaign_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `sms_messages_campaign_status` ON `sms_messages` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `sms_messages_account_number` ON `sms_messages` (`account_id`,`to_number`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_messages_account_created` ON `sms_messages` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sms_parts` (
	`message_id` text NOT NULL,
	`part` integer NOT NULL,
	`provider_id` text,
	`status` text NOT NULL,
	`error` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`message_id`, `part`)
);
--> statement-breakpoint
CREATE INDEX `sms_parts_provider` ON `sms_parts` (`provider_id`);--> statement-breakpoint
CREATE TABLE `sms_portability` (
	`account_id` text NOT NULL,
	`number` text NOT NULL,
	`operator` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `number`)
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `channel` text DEFAULT 'email' NOT NULL;