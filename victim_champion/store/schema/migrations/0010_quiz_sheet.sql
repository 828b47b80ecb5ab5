-- The knowledge check on paper (issue 33): a result typed in from a numbered answer sheet
-- keeps its sheet's number, so the same sheet cannot be entered twice for one session and
-- phase. A kiosk result has none. The number names nobody, and stays on the laptop.
ALTER TABLE quiz_result ADD COLUMN sheet INTEGER;
CREATE UNIQUE INDEX quiz_result_sheet ON quiz_result (session_id, phase, sheet)
    WHERE sheet IS NOT NULL;
