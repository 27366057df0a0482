-- Retention (issue 8, defect 10): ProcessedIntentCleanup deletes side effects past claims-service.side-effects.retention
-- and processed intents past claims-service.processed-intents.retention that no side effect refers to any more.
CREATE INDEX processed_intent_processed_at_idx ON processed_intent (processed_at);
CREATE INDEX side_effect_created_at_idx ON side_effect (created_at);
