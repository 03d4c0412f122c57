CREATE TABLE "monitor_leases" (
	"monitor" text PRIMARY KEY NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"holder" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "runs_started" ON "runs" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_monitor_scheduled" ON "runs" USING btree ("monitor_id","scheduled_at") WHERE scheduled_at is not null;