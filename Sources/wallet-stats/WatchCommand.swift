import ArgumentParser
import ChainETL
import CommandSupport
import Foundation

/// `wallet-stats watch add|remove|list`: watched wallets (etl.watched_addresses); their transactions are in the
/// view stats.watched_transactions.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch addresses; their transactions are listed by the view stats.watched_transactions.",
        subcommands: [AddWatchCommand.self, RemoveWatchCommand.self, ListWatchCommand.self]
    )
}

/// `wallet-stats watch add ADDRESS [--owner NAME]`.
struct AddWatchCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Watch an address (again with --owner to change its owner)."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The address as the node reports it.")
    var address: String

    @Option(help: "Who the address belongs to.")
    var owner: String?

    func run(context: ToolContext) async throws {
        let address = try AddressText.validated(address)
        let connection = try WalletStatsJob.connect(configuration: context.configuration, logger: context.logger)
        let list = WatchList(connection: connection)
        let tool = WalletStatsJob.tool
        switch try list.add(address, owner: owner) {
        case .added: print("\(tool): watching \(address)" + (owner.map { " (owner \($0))" } ?? ""))
        case .ownerChanged: print("\(tool): \(address) is watched; owner set to \(owner ?? "")")
        case .unchanged: print("\(tool): \(address) is already watched; nothing changed")
        }
        if try !list.isOnChain(address) {
            print("\(tool): note: \(address) has no transaction on the best chain yet; check the address if you expected one")
        }
    }
}

/// `wallet-stats watch remove ADDRESS`.
struct RemoveWatchCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop watching an address.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The watched address.")
    var address: String

    func run(context: ToolContext) async throws {
        let address = try AddressText.validated(address)
        let connection = try WalletStatsJob.connect(configuration: context.configuration, logger: context.logger)
        let removed = try WatchList(connection: connection).remove(address)
        print("\(WalletStatsJob.tool): " + (removed ? "stopped watching \(address)" : "\(address) was not watched; nothing changed"))
    }
}

/// `wallet-stats watch list`: one line per watched address with its balance.
struct ListWatchCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List watched addresses with owner, balance, transactions and last activity (tab-separated)."
    )

    @OptionGroup var common: CommonOptions

    func run(context: ToolContext) async throws {
        let connection = try WalletStatsJob.connect(configuration: context.configuration, logger: context.logger)
        let decimals = context.configuration.chain.parameters.coinDecimals
        print(["address", "owner", "added_at", "balance", "tx_count", "last_seen"].joined(separator: "\t"))
        for entry in try WatchList(connection: connection).entries() {
            print([
                entry.address, entry.owner ?? "", entry.addedAt.formatted(.iso8601),
                entry.balance.map { AmountFormatting.decimalString($0, decimals: decimals) } ?? "0",
                "\(entry.transactionCount ?? 0)", entry.lastSeenTime?.formatted(.iso8601) ?? "",
            ].joined(separator: "\t"))
        }
    }
}
