/// Where the members of a JSON object sit in the answer's bytes, as a parser found them, so the answer can be
/// cut (`VolatileFields`) without being scanned a second time.
struct JSONObjectLayout {
    /// Offset of `{`.
    var openBrace = 0
    /// Offset of the matching `}`.
    var closeBrace = 0
    /// Each member in order: the offset of its name's opening quote, and the offset just past its value.
    var members: [(key: Int, end: Int)] = []
}
