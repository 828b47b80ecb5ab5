-- Which modules each anonymous knowledge check got right (issue 19): {"module-id": 1 or 0}.
-- Kept on the laptop so the register shows the gain per module, and the trainer sees what
-- did not land. The hub still gets only the score and the total.
ALTER TABLE quiz_result ADD COLUMN by_module TEXT NOT NULL DEFAULT '{}';
