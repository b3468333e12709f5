CREATE TABLE `archive_settings` (
	`account_id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_settings_slug` ON `archive_settings` (`slug`);--> statement-breakpoint
CREATE TABLE `automation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`automation_id` text NOT NULL,
	`account_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`occurrence` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`step_id` text,
	`next_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`context` text DEFAULT '{}' NOT NULL,
	`entered_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_runs_once` ON `automation_runs` (`automation_id`,`contact_id`,`occurrence`);--> statement-breakpoint
CREATE INDEX `automation_runs_due` ON `automation_runs` (`automation_id`,`status`,`next_at`);--> statement-breakpoint
CREATE INDEX `automation_runs_waiting` ON `automation_runs` (`status`,`next_at`);--> statement-breakpoint
CREATE TABLE `automation_step_log` (
	`run_id` integer NOT NULL,
	`step_id` text NOT NULL,
	`automation_id` text NOT NULL,
	`outcome` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `step_id`)
);
--> statement-breakpoint
CREATE INDEX `automation_step_log_stats` ON `automation_step_log` (`automation_id`,`step_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `automations` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`steps` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`activated_at` integer,
	`checked_at` integer
);
--> statement-breakpoint
CREATE INDEX `automations_account` ON `automations` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `social_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`network` text NOT NULL,
	`name` text NOT NULL,
	`target` text NOT NULL,
	`token` text NOT NULL,
	`auto_publish` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `social_accounts_account` ON `social_accounts` (`account_id`);--> statement-breakpoint
CREATE TABLE `social_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`social_account_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`remote_id` text,
	`url` text,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_posts_once` ON `social_posts` (`campaign_id`,`social_account_id`);--> statement-breakpoint
CREATE INDEX `social_posts_account` ON `social_posts` (`account_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `automation_id` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `published_at` integer;--> statement-breakpoint
CREATE INDEX `campaigns_published` ON `campaigns` (`account_id`,`published_at`);