#include "CopyRawAllocator.h"

/* jemalloc reads this string when the process starts (its documented way for a program to set options; the
   MALLOC_CONF environment variable still overrides it).
   oversize_threshold:0 - by default an allocation over 8 MiB goes to an arena that hands its pages back to the
   kernel at once, and each landed block's text (about 9 MB, held once by libpq and once by copy-raw) then page-
   faulted in afresh: on 300 mainnet-shaped blocks that was 4.3-6.8 s of system time, 1.4-1.6 s without it, with
   the same peak RSS (165-169 MiB). */
const char *malloc_conf = "oversize_threshold:0";
