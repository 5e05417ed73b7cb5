#ifndef CHAIN_ETL_CCURL_SHIM_H
#define CHAIN_ETL_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: typed wrappers. */
static inline CURLcode chain_etl_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chain_etl_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chain_etl_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chain_etl_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*chain_etl_curl_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode chain_etl_curl_setopt_write_function(CURL *handle, chain_etl_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
static inline CURLcode chain_etl_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* Cast macros that Swift does not import. */
static const long CHAIN_ETL_CURLAUTH_BASIC = (long)CURLAUTH_BASIC;
static const long CHAIN_ETL_CURL_GLOBAL_DEFAULT = (long)CURL_GLOBAL_DEFAULT;

/* Added for the HTTP client: 64-bit sizes (bodies over 2 GB are not expected, but the API is curl_off_t). */
static inline CURLcode chain_etl_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chain_etl_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static const long CHAIN_ETL_CURL_ERROR_SIZE = (long)CURL_ERROR_SIZE;

#endif
