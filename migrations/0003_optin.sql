CREATE TABLE `optin_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`list_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`sent_at` integer,
	`confirmed_at` integer
);
--> statement-breakpoint
CREATE INDEX `optin_tokens_contact` ON `optin_tokens` (`contact_id`);