-- Lots (memesnipe.kit.money.Lot): quantities count lots of 10^lot_exponent base units and prices are USD per lot.
-- Rows written before lots existed are in single units, which is exponent 0.
ALTER TABLE orders ADD COLUMN lot_exponent integer NOT NULL DEFAULT 0 CHECK (lot_exponent BETWEEN 0 AND 18);
ALTER TABLE fills ADD COLUMN lot_exponent integer NOT NULL DEFAULT 0 CHECK (lot_exponent BETWEEN 0 AND 18);
