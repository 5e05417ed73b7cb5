import ChainETL
