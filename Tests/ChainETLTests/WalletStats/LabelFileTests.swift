import ChainETL
import Testing

/// The labels CSV parser: what it accepts, and for every malformed file a message with the line number.
@Suite("labels CSV file")
struct LabelFileTests {
    private func parse(_ text: String) throws(LabelFileError) -> [AddressLabel] {
        try LabelFile.parse(Array(text.utf8), file: "labels.csv")
    }

    private func problem(_ bytes: [UInt8]) -> LabelFileError? {
        do {
            _ = try LabelFile.parse(bytes, file: "labels.csv")
            return nil
        } catch {
            return error
        }
    }

    private func problem(_ text: String) -> LabelFileError? { problem(Array(text.utf8)) }

    @Test("rows with a header, quotes, an empty label, CRLF, a byte-order mark and blank lines")
    func acceptsWellFormedFiles() throws {
        let text = "\u{FEFF}Address,Label,Category\r\n"
            + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,Genesis,Mining\r\n"
            + "\r\n"
            + "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh, \"Exchange, cold \"\"vault\"\"\" ,Exchange\n"
            + "  3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy , , Others  \n"
            + "1Ünïcode,Café,Privé\n"
        #expect(try parse(text) == [
            AddressLabel(address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", label: "Genesis", category: "Mining"),
            AddressLabel(address: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", label: "Exchange, cold \"vault\"",
                         category: "Exchange"),
            AddressLabel(address: "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", label: nil, category: "Others"),
            AddressLabel(address: "1Ünïcode", label: "Café", category: "Privé"),
        ])
    }

    @Test("written lines read back to the same labels")
    func roundTrip() throws {
        let labels = [
            AddressLabel(address: "1Alice", label: "a, \"quoted\" name", category: "Private"),
            AddressLabel(address: "1Bob", label: nil, category: "Exchange"),
            AddressLabel(address: "1Carol", label: " padded ", category: "Mining pool, EU"),
        ]
        let text = ([LabelFile.header] + labels.map(LabelFile.line(for:))).joined(separator: "\n") + "\n"
        #expect(try parse(text) == labels)
    }

    @Test("a wrong column count names the line and what was found")
    func wrongColumnCount() {
        let error = problem("address,label,category\n1Alice,Alice,Private\n1Bob,Exchange\n1Carol,a,b,c\n")
        #expect(error?.line == 3)
        #expect(error?.problem == .fieldCount(found: 2))
        #expect(error?.otherProblemLines == 1)
        #expect(error?.description == "labels file labels.csv, line 3: expected 3 columns (address,label,category), "
                + "found 2; quote a field that contains a comma (and 1 more line with problems); nothing was "
                + "imported: fix the file and import it again")
        #expect(error?.exitStatus == .usage)
    }

    @Test("a category in Latin-1 instead of UTF-8 names the line and the field")
    func badEncoding() {
        var bytes = Array("1Alice,Alice,Private\n1Bob,Bob,Caf".utf8)
        bytes.append(0xE9)  // "é" in Latin-1
        bytes += Array("\n".utf8)
        let error = problem(bytes)
        #expect(error?.line == 2)
        #expect(error?.problem == .invalidUTF8(field: .category))
        #expect(error?.description.contains("line 2: the category is not valid UTF-8; save the file as UTF-8") == true)
    }

    @Test("an address listed twice is refused, naming both lines")
    func duplicateAddress() {
        let error = problem("1Alice,Alice,Private\n1Bob,Bob,Exchange\n1Alice,Alice again,Exchange\n")
        #expect(error?.line == 3)
        #expect(error?.problem == .duplicateAddress("1Alice", firstLine: 1))
        #expect(error?.description.contains("line 3: address 1Alice already appears on line 1") == true)
    }

    @Test("other malformed lines", arguments: [
        ("1Alice,\"unterminated,Private\n", LabelFileError.Problem.unterminatedQuote(field: .label)),
        ("1Alice,\"quoted\"tail,Private\n", .textAfterClosingQuote(field: .label)),
        (",Alice,Private\n", .empty(field: .address)),
        ("1Alice,Alice,\n", .empty(field: .category)),
        ("\"1Al ice\",Alice,Private\n", .addressContainsSpace),
        ("1Alice,Ali\tce,Private\n", .controlCharacter(field: .label)),
        ("1Alice,Alice,\(String(repeating: "x", count: 101))\n", .tooLong(field: .category, limit: 100)),
    ])
    func malformedLine(text: String, expected: LabelFileError.Problem) {
        let error = problem(text)
        #expect(error?.problem == expected)
        #expect(error?.line == 1)
    }

    @Test("a file with a header only, or nothing at all, has no rows")
    func noRows() {
        #expect(problem("address,label,category\n")?.problem == .noRows)
        #expect(problem("")?.problem == .noRows)
        #expect(problem("\n\n")?.description == "labels file labels.csv: no label rows (expected lines of "
                + "address,label,category); nothing was imported: fix the file and import it again")
    }
}
