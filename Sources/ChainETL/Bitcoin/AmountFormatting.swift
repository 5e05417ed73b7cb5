/// Renders amounts in base units the way bitcoind prints them in JSON (`50.00000000`): integer division
/// only, so no value is ever rounded through a Double.
public enum AmountFormatting {
    /// The decimal text of `amount` base units with exactly `decimals` fraction digits.
    public static func decimalString(_ amount: Int64, decimals: Int = 8) -> String {
        var buffer: [UInt8] = []
        append(amount, decimals: decimals, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the decimal text of `amount` as ASCII (for JSON renderers writing into a byte buffer).
    public static func append(_ amount: Int64, decimals: Int = 8, to buffer: inout [UInt8]) {
        if amount < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = amount.magnitude
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        appendDigits(magnitude / scale, minimumCount: 1, to: &buffer)
        if decimals > 0 {
            buffer.append(UInt8(ascii: "."))
            appendDigits(magnitude % scale, minimumCount: decimals, to: &buffer)
        }
    }

    /// Appends a decimal integer (shared by the JSON renderers for counts and heights).
    public static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1, to: &buffer)
    }

    private static func appendDigits(_ value: UInt64, minimumCount: Int, to buffer: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits without allocating
        withUnsafeMutableBytes(of: &digits) { scratch in
            var count = 0
            var rest = value
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumCount
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(scratch[index]) }
        }
    }
}
