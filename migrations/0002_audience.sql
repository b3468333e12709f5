CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`channel` text NOT NULL,
	`action` text NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	`proof` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `consents_contact` ON `consents` (`contact_id`,`id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`email` text,
	`phone` text,
	`first_name` text,
	`last_name` text,
	`position` text,
	`company` text,
	`fields` text DEFAULT '{}' NOT NULL,
	`email_status` text DEFAULT 'subscribed' NOT NULL,
	`sms_status` text DEFAULT 'subscribed' NOT NULL,
	`verdict` text DEFAULT 'valid' NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`suggestion` text,
	`email_domain` text,
	`last_import_id` text,
	`last_import_line` integer,
	`last_open_at` integer,
	`last_click_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_account_email` ON `contacts` (`account_id`,`email`);--> statement-breakpoint
CREATE INDEX `contacts_account_phone` ON `contacts` (`account_id`,`phone`);--> statement-breakpoint
CREATE INDEX `contacts_account_id` ON `contacts` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_domain` ON `contacts` (`email_domain`);--> statement-breakpoint
CREATE TABLE `custom_fields` (
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`account_id` text NOT NULL,
	`signature` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `signature`)
);
--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`import_id` text NOT NULL,
	`line` integer NOT NULL,
	`reason` text NOT NULL,
	`raw` text,
	PRIMARY KEY(`import_id`, `line`)
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`list_id` text NOT NULL,
	`status` text NOT NULL,
	`file_key` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`encoding` text,
	`delimiter` text,
	`has_header` integer,
	`header` text,
	`preview` text,
	`mapping` text,
	`policy` text DEFAULT 'upsert' NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`checkpoint_line` integer DEFAULT 0 NOT NULL,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`verdicts` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `imports_account` ON `imports` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `list_members` (
	`list_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`status` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`list_id`, `contact_id`)
);
--> statement-breakpoint
CREATE INDEX `list_members_contact` ON `list_members` (`contact_id`);--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`double_opt_in` integer DEFAULT false NOT NULL,
	`form_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lists_account` ON `lists` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `lists_form_token` ON `lists` (`form_token`);--> statement-breakpoint
CREATE TABLE `mx_cache` (
	`domain` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`ttl_seconds` integer NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `segments_account` ON `segments` (`account_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `kind`, `value`)
);
