CREATE TABLE `event_buckets` (
	`campaign_id` text NOT NULL,
	`hour` integer NOT NULL,
	`kind` text NOT NULL,
	`machine` integer NOT NULL,
	`dim` text NOT NULL,
	`value` text NOT NULL,
	`account_id` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`u` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `hour`, `kind`, `machine`, `dim`, `value`)
);
--> statement-breakpoint
CREATE INDEX `event_buckets_account` ON `event_buckets` (`account_id`,`hour`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`url` text,
	`user_agent` text,
	`ip_hash` text,
	`machine` text,
	`provider` text,
	`device` text,
	`client` text,
	`status` text,
	`detail` text,
	`source` text,
	`msg` text NOT NULL,
	`attempt` text NOT NULL,
	`first` integer DEFAULT 0 NOT NULL,
	`live` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_contact` ON `events` (`campaign_id`,`contact_id`,`kind`);--> statement-breakpoint
CREATE INDEX `events_msg` ON `events` (`msg`);