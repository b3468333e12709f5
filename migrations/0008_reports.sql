CREATE TABLE `export_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`format` text NOT NULL,
	`cadence` text NOT NULL,
	`hour` integer DEFAULT 6 NOT NULL,
	`timezone` text DEFAULT 'America/Lima' NOT NULL,
	`next_run_at` integer NOT NULL,
	`last_run_at` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `export_schedules_due` ON `export_schedules` (`active`,`next_run_at`);--> statement-breakpoint
CREATE INDEX `export_schedules_account` ON `export_schedules` (`account_id`);--> statement-breakpoint
CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`r2_key` text,
	`bytes` integer,
	`rows` integer,
	`error` text,
	`schedule_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exports_account` ON `exports` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `exports_expires` ON `exports` (`expires_at`);--> statement-breakpoint
CREATE TABLE `report_mails` (
	`account_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`recipient` text,
	`detail` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `month`)
);
