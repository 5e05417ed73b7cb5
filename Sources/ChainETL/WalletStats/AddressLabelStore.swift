public import Foundation

/// `etl.address_labels`: the labels users import, read back by `labels list`, `stats.label_holdings` and
/// build-top10's rich list.
public struct AddressLabelStore {
    /// What an import changed.
    public struct ImportCounts: Sendable, Equatable {
        /// Addresses that had no label.
        public var added = 0
        /// Addresses whose label or category changed.
        public var changed = 0
        /// Addresses whose label and category were already the same.
        public var unchanged = 0
        /// Labels removed because `--replace` was given and the file does not list them.
        public var removed = 0

        /// Counts of an import; tests compare whole values.
        public init(added: Int = 0, changed: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.added = added
            self.changed = changed
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    /// One stored label and when it was last imported.
    public struct StoredLabel: Sendable, Equatable {
        /// The label as imported.
        public var label: AddressLabel
        /// When it was added or last changed.
        public var importedAt: Date
    }

    private let connection: PostgresConnection

    /// The labels in the database `connection` is open on.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Adds or updates `labels` (one per address) and, with `replacing`, removes every label the list lacks;
    /// call inside a transaction so the import is all or nothing. Unchanged labels keep their `imported_at`.
    public func importLabels(_ labels: [AddressLabel], replacing: Bool) throws -> ImportCounts {
        try connection.executeScript(
            "CREATE TEMP TABLE ws_label_import (address text PRIMARY KEY, label text, category text NOT NULL) ON COMMIT DROP")
        try connection.copyIn(table: "ws_label_import", columns: ["address", "label", "category"]) { writer in
            for label in labels {
                writer.append(label.address)
                writer.append(label.label)
                writer.append(label.category)
                try writer.endRow()
            }
        }
        var counts = ImportCounts()
        if replacing {
            counts.removed = try connection.execute("""
                DELETE FROM etl.address_labels l
                WHERE NOT EXISTS (SELECT 1 FROM ws_label_import i WHERE i.address = l.address)
                """)
        }
        let written = try connection.query("""
            INSERT INTO etl.address_labels AS l (address, label, category)
            SELECT address, label, category FROM ws_label_import
            ON CONFLICT (address) DO UPDATE SET label = EXCLUDED.label, category = EXCLUDED.category, imported_at = now()
            WHERE (l.label, l.category) IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.category)
            RETURNING xmax = 0
            """)
        for row in written {
            if try row.bool(0) { counts.added += 1 } else { counts.changed += 1 }
        }
        counts.unchanged = labels.count - counts.added - counts.changed
        try connection.executeScript("DROP TABLE ws_label_import")
        return counts
    }

    /// Every label, by category then address (byte order), optionally of one category only.
    public func list(category: String? = nil) throws -> [StoredLabel] {
        try connection.query("""
            SELECT address, label, category, imported_at FROM etl.address_labels
            WHERE $1::text IS NULL OR category = $1
            ORDER BY category, address COLLATE "C"
            """, [category]).map { row in
            StoredLabel(
                label: AddressLabel(address: try row.string(0), label: try row.decode(String?.self, at: 1),
                                    category: try row.string(2)),
                importedAt: try row.date(3))
        }
    }
}
