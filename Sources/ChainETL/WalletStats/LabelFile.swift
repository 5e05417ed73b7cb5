/// Reads the labels CSV that `wallet-stats labels import` takes: one `address,label,category` row per line, an
/// optional header line with those names, UTF-8 (a byte-order mark is skipped), LF or CRLF line endings, blank
/// lines ignored, fields quoted with `"` when they contain commas. Pure, so every rule is tested without a
/// database; the import is all or nothing, so any bad line refuses the whole file.
public enum LabelFile {
    /// The longest address accepted: Bitcoin's longest (bech32m, 62) and CashAddr's (54) fit with room to spare.
    public static let maximumAddressLength = 128
    /// The longest label.
    public static let maximumLabelLength = 200
    /// The longest category.
    public static let maximumCategoryLength = 100

    /// The labels in `contents`, in file order. Throws `LabelFileError` for the first line with a problem (and
    /// counts the others), including an address listed twice: duplicates are refused rather than resolved
    /// silently, because two different labels for one address are usually a mistake in the list.
    /// - Parameter file: the path as the user gave it, for the message.
    public static func parse(_ contents: [UInt8], file: String) throws(LabelFileError) -> [AddressLabel] {
        var labels: [AddressLabel] = []
        var firstLineOfAddress: [String: Int] = [:]
        var problems: [(line: Int, problem: LabelFileError.Problem)] = []
        var sawRecord = false
        for (number, line) in lines(of: contents) {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            let isFirstRecord = !sawRecord
            sawRecord = true
            switch label(from: line) {
            case .failure(let problem):
                problems.append((number, problem))
            case .success(let parsed):
                if isFirstRecord, isHeader(parsed) { continue }
                if let first = firstLineOfAddress[parsed.address] {
                    problems.append((number, .duplicateAddress(parsed.address, firstLine: first)))
                    continue
                }
                firstLineOfAddress[parsed.address] = number
                labels.append(parsed)
            }
        }
        if let first = problems.first {
            throw LabelFileError(file: file, line: first.line, problem: first.problem, otherProblemLines: problems.count - 1)
        }
        guard !labels.isEmpty else { throw LabelFileError(file: file, line: 0, problem: .noRows) }
        return labels
    }

    /// The lines of `contents` with their 1-based numbers, without line endings or a leading byte-order mark.
    static func lines(of contents: [UInt8]) -> [(number: Int, bytes: ArraySlice<UInt8>)] {
        var body = contents[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var result: [(Int, ArraySlice<UInt8>)] = []
        var number = 0
        for var line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            result.append((number, line))
        }
        // A final line ending does not start another line.
        if result.last?.1.isEmpty == true { result.removeLast() }
        return result
    }

    /// The label one line holds, or what is wrong with it.
    private static func label(from line: ArraySlice<UInt8>) -> Result<AddressLabel, LabelFileError.Problem> {
        let fields: [[UInt8]]
        switch CSVLineFields.split(line) {
        case .success(let split): fields = split
        case .failure(.unterminatedQuote(let index)): return .failure(.unterminatedQuote(field: field(at: index)))
        case .failure(.textAfterClosingQuote(let index)): return .failure(.textAfterClosingQuote(field: field(at: index)))
        }
        guard fields.count == LabelFileField.allCases.count else { return .failure(.fieldCount(found: fields.count)) }
        var texts: [String] = []
        for (bytes, name) in zip(fields, LabelFileField.allCases) {
            guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8(field: name)) }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return .failure(.controlCharacter(field: name))
            }
            texts.append(text)
        }
        let (address, label, category) = (texts[0], texts[1], texts[2])
        if address.isEmpty { return .failure(.empty(field: .address)) }
        if category.isEmpty { return .failure(.empty(field: .category)) }
        if address.contains(where: \.isWhitespace) { return .failure(.addressContainsSpace) }
        if address.count > maximumAddressLength { return .failure(.tooLong(field: .address, limit: maximumAddressLength)) }
        if label.count > maximumLabelLength { return .failure(.tooLong(field: .label, limit: maximumLabelLength)) }
        if category.count > maximumCategoryLength {
            return .failure(.tooLong(field: .category, limit: maximumCategoryLength))
        }
        return .success(AddressLabel(address: address, label: label.isEmpty ? nil : label, category: category))
    }

    /// Whether a first row is the header `address,label,category` (any case).
    private static func isHeader(_ row: AddressLabel) -> Bool {
        row.address.lowercased() == "address" && row.label?.lowercased() == "label" && row.category.lowercased() == "category"
    }

    private static func field(at index: Int) -> LabelFileField {
        LabelFileField.allCases[min(index, LabelFileField.allCases.count - 1)]
    }
}
