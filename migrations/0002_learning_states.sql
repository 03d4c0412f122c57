CREATE TABLE "learning_states" (
	"monitor_id" integer PRIMARY KEY NOT NULL,
	"samples" integer NOT NULL,
	"target" integer NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning_states" ADD CONSTRAINT "learning_states_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;