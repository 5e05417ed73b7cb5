import CCurl

/// libcurl requires `curl_global_init` exactly once, before any handle exists and before threads race to
/// create handles. A `static let` is initialised lazily and atomically by Swift, which gives exactly that.
enum CurlGlobal {
    /// The result of the one `curl_global_init` call of this process; `true` when libcurl is usable.
    static let isInitialized: Bool = curl_global_init(CHAIN_ETL_CURL_GLOBAL_DEFAULT) == CURLE_OK
}
