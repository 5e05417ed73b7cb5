public import ChainETL

/// Everything that determines a simulated chain and how the node answers. Two nodes with equal
/// configurations that receive the same calls produce byte-identical answers.
public struct SimNodeConfiguration: Sendable {
    /// Address formats, subsidy and genesis come from this chain's `ChainParameters`.
    public var chain: Chain
    /// Seed of the generator behind every random choice.
    public var seed: UInt64
    /// Blocks mined at start on top of genesis (the tip height is this number).
    public var initialBlocks: Int
    /// Target number of transactions per block, coinbase included; fewer while too few coins are mature.
    public var transactionsPerBlock: Int
    /// Which node generation the RPC answers imitate.
    public var dialect: RPCDialect
    /// Replaces the chain's halving interval (tests use a short one to see halvings).
    public var halvingInterval: Int?
    /// Credentials for HTTP basic auth.
    public var rpcUser: String
    public var rpcPassword: String
    /// Header time of block 1 (Unix seconds); later blocks follow about 600 s apart.
    public var firstBlockTime: UInt32
    /// Number of reusable wallet addresses transfers pay to.
    public var addressPoolSize: Int

    public init(chain: Chain = .bitcoin, seed: UInt64 = 1, initialBlocks: Int = 200, transactionsPerBlock: Int = 20,
                dialect: RPCDialect = .modern, halvingInterval: Int? = nil, rpcUser: String = "simnode",
                rpcPassword: String = "simnode", firstBlockTime: UInt32 = 1_704_067_200, addressPoolSize: Int = 2_000) {
        self.chain = chain
        self.seed = seed
        self.initialBlocks = initialBlocks
        self.transactionsPerBlock = transactionsPerBlock
        self.dialect = dialect
        self.halvingInterval = halvingInterval
        self.rpcUser = rpcUser
        self.rpcPassword = rpcPassword
        self.firstBlockTime = firstBlockTime
        self.addressPoolSize = addressPoolSize
    }
}
