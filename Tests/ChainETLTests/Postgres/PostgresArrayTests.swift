import ChainETL
import TestSupport
import Testing

@Suite("Array parameters", .temporaryDatabase)
struct PostgresArrayTests {
    @Test("integer and text arrays arrive element for element, NULLs and quotes included")
    func roundTrip() throws {
        let connection = try TestDatabase.current.connect()
        let integers = try connection.query("SELECT unnest($1::bigint[])", [PostgresArray([Int64(1), -2, Int64.max])])
        #expect(try integers.map { try $0.int64(0) } == [1, -2, Int64.max])
        let texts: [String?] = ["plain", "with \"quotes\"", "back\\slash", "comma, {brace}", "NULL", nil, "", "é"]
        let rows = try connection.query("SELECT t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i", [PostgresArray(texts)])
        #expect(try rows.map { try $0.decode(String?.self, at: 0) } == texts)
    }
}
