#ifndef CHAIN_ETL_CLIBPQ_SHIM_H
#define CHAIN_ETL_CLIBPQ_SHIM_H

#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

/* The PG_DIAG_* field codes are char macros that Swift does not import. */
static const int CHAIN_ETL_PG_DIAG_SQLSTATE = 'C';
static const int CHAIN_ETL_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int CHAIN_ETL_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int CHAIN_ETL_PG_DIAG_MESSAGE_HINT = 'H';
static const int CHAIN_ETL_PG_DIAG_SEVERITY = 'S';

#endif
