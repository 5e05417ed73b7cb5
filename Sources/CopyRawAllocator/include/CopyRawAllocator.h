#ifndef CHAIN_ETL_COPY_RAW_ALLOCATOR_H
#define CHAIN_ETL_COPY_RAW_ALLOCATOR_H

/* copy-raw's allocator is jemalloc, linked in place of glibc's malloc; its settings are in allocator.c, read by
   jemalloc when the process starts. Nothing here is called: linking this target is what takes effect. */

#endif
