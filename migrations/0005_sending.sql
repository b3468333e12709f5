CREATE TABLE `send_settings` (
	`account_id` text PRIMARY KEY NOT NULL,
	`limits` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `send_windows` (
	`scope` text NOT NULL,
	`window` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `window`)
);
--> statement-breakpoint
CREATE TABLE `sending_domains` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`domain` text NOT NULL,
	`selector` text NOT NULL,
	`private_key` text NOT NULL,
	`public_key` text NOT NULL,
	`spf` text DEFAULT 'pending' NOT NULL,
	`dkim` text DEFAULT 'pending' NOT NULL,
	`dmarc` text DEFAULT 'pending' NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`check_details` text,
	`checked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sending_domains_account_domain` ON `sending_domains` (`account_id`,`domain`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `ab` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `ab_winner` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `ab_result` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `variant` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `opened_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `clicked_at` integer;