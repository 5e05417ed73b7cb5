import ArgumentParser
import ChainETL
import CommandSupport
import Foundation
import SimNode

/// `simnode`: serves a deterministic simulated bitcoind on loopback until SIGTERM/SIGINT, for the demo
/// and for tests of the tools. Kept thin: everything it does is `SimNode`'s public API.
/// It reads no database configuration, so it is not a `ChainETLCommand`, but it exits with the same codes.
@main
struct SimNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simnode",
        abstract: "Serve a deterministic simulated bitcoind (JSON-RPC over HTTP on 127.0.0.1).",
        discussion: "Control calls: simnode_mine n, simnode_reorg depth newLength, simnode_setfaults {...}, "
            + "simnode_clearfaults, simnode_prerender from to verbosity.\n\n"
            + ToolHelp.exitCodeSection(ExitStatus.allCases.filter { $0 != .busy }))

    /// Exit codes 0/1/2 like every other tool (ArgumentParser alone exits 64 for usage errors); never 3: it takes no lock.
    static func main() async {
        await ToolExit.main(Self.self, tool: "simnode")
    }

    @Option(help: "TCP port on 127.0.0.1 (0 = any free port).") var port: UInt16 = 0
    @Option(name: .customLong("rpc-user"), help: "Basic-auth user.") var rpcUser = "simnode"
    @Option(name: .customLong("rpc-password"), help: "Basic-auth password.") var rpcPassword = "simnode"
    @Option(help: "Blocks to mine at start on top of genesis.") var blocks = 200
    @Option(name: .customLong("tx-per-block"), help: "Transactions per block, coinbase included.") var txPerBlock = 20
    @Option(help: "Seed of the deterministic generator.") var seed: UInt64 = 1
    @Option(help: "Chain: \(Chain.allCases.map(\.rawValue).joined(separator: ", ")).") var chain = "bitcoin"
    @Option(help: "RPC dialect: \(RPCDialect.allCases.map(\.rawValue).joined(separator: ", ")).") var dialect = "modern"
    @Option(name: .customLong("rpc-threads"), help: "Connections served at once (one thread each); bitcoind accepts many connections, so keep it well above the clients' concurrency.") var rpcThreads = 32
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
        // Dispatch signal sources catch SIGTERM/SIGINT whichever thread the kernel picks (a signal mask set
        // here would not cover the worker threads that already exist under async main).
        let stop = DispatchSemaphore(value: 0)
        let stopSources = [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }

        let node = SimNode(configuration: SimNodeConfiguration(
            chain: Chain(rawValue: chain)!, seed: seed, initialBlocks: blocks, transactionsPerBlock: txPerBlock,
            dialect: RPCDialect(rawValue: dialect)!, halvingInterval: halvingInterval, rpcUser: rpcUser,
            rpcPassword: rpcPassword))
        do {
            try node.start(port: port, connectionThreads: rpcThreads)
        } catch {
            FileHandle.standardError.write(Data("simnode: error: \(error)\n".utf8))
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let actualPort = node.port ?? 0
        if let portFile {
            try String(actualPort).write(toFile: portFile, atomically: true, encoding: .utf8)
        }
        let line = "simnode: \(chain) \(dialect) chain of \(node.blockCount + 1) blocks listening on http://127.0.0.1:\(actualPort) (user \(rpcUser))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        stop.wait()
        stopSources.forEach { $0.cancel() }
        node.stop()
    }
}
