import ArgumentParser
import ChainETL
import Foundation
import SimNode

/// `simnode`: serves a deterministic simulated bitcoind on loopback until SIGTERM/SIGINT, for the demo
/// and for tests of the tools. Kept thin: everything it does is `SimNode`'s public API.
@main
struct SimNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simnode",
        abstract: "Serve a deterministic simulated bitcoind (JSON-RPC over HTTP on 127.0.0.1).",
        discussion: "Control calls: simnode_mine n, simnode_reorg depth newLength, simnode_setfaults {...}, "
            + "simnode_clearfaults, simnode_prerender from to verbosity. Exit codes: "
            + ExitStatus.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; "))

    @Option(help: "TCP port on 127.0.0.1 (0 = any free port).") var port: UInt16 = 0
    @Option(name: .customLong("rpc-user"), help: "Basic-auth user.") var rpcUser = "simnode"
    @Option(name: .customLong("rpc-password"), help: "Basic-auth password.") var rpcPassword = "simnode"
    @Option(help: "Blocks to mine at start on top of genesis.") var blocks = 200
    @Option(name: .customLong("tx-per-block"), help: "Transactions per block, coinbase included.") var txPerBlock = 20
    @Option(help: "Seed of the deterministic generator.") var seed: UInt64 = 1
    @Option(help: "Chain: \(Chain.allCases.map(\.rawValue).joined(separator: ", ")).") var chain = "bitcoin"
    @Option(help: "RPC dialect: \(RPCDialect.allCases.map(\.rawValue).joined(separator: ", ")).") var dialect = "modern"
    @Option(name: .customLong("rpc-threads"), help: "Connection threads of the HTTP server.") var rpcThreads = 8
    @Option(name: .customLong("halving-interval"), help: "Override the chain's subsidy halving interval.") var halvingInterval: Int?
    @Option(name: .customLong("port-file"), help: "Write the listening port to this file (for scripts).") var portFile: String?

    func validate() throws {
        guard Chain(rawValue: chain) != nil else { throw ValidationError("unknown --chain '\(chain)'; use one of \(Chain.validIdentifiers)") }
        guard RPCDialect(rawValue: dialect) != nil else {
            throw ValidationError("unknown --dialect '\(dialect)'; use modern, legacy or verbose-only")
        }
        guard blocks >= 0, txPerBlock >= 1, rpcThreads >= 1 else {
            throw ValidationError("--blocks must be >= 0, --tx-per-block and --rpc-threads >= 1")
        }
    }

    func run() throws {
        // Block the stop signals before any server thread starts so only sigwait below receives them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let node = SimNode(configuration: SimNodeConfiguration(
            chain: Chain(rawValue: chain)!, seed: seed, initialBlocks: blocks, transactionsPerBlock: txPerBlock,
            dialect: RPCDialect(rawValue: dialect)!, halvingInterval: halvingInterval, rpcUser: rpcUser,
            rpcPassword: rpcPassword))
        do {
            try node.start(port: port, connectionThreads: rpcThreads)
        } catch {
            FileHandle.standardError.write(Data("simnode: \(error)\n".utf8))
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let actualPort = node.port ?? 0
        if let portFile {
            try String(actualPort).write(toFile: portFile, atomically: true, encoding: .utf8)
        }
        let line = "simnode: \(chain) \(dialect) chain of \(node.blockCount + 1) blocks listening on http://127.0.0.1:\(actualPort) (user \(rpcUser))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        var received: Int32 = 0
        sigwait(&signals, &received)
        node.stop()
    }
}
