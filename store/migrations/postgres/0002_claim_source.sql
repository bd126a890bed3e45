-- A claim may come from another publisher than the document that carries
-- it: a line of an imported claims file names its own publisher, date and
-- URL. Empty means "the document's".
ALTER TABLE claims ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN url TEXT NOT NULL DEFAULT '';
