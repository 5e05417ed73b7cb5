import ArgumentParser
import ChainETL
import CommandSupport
import Foundation

/// `wallet-stats labels import|list`: the user's address labels (etl.address_labels).
struct LabelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Import and list address labels (etl.address_labels).",
        subcommands: [ImportLabelsCommand.self, ListLabelsCommand.self]
    )
}

/// `wallet-stats labels import FILE.csv [--replace]`.
struct ImportLabelsCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import labels from a CSV file of address,label,category.",
        discussion: """
            One label per line: address,label,category (UTF-8; an optional header line address,label,category; \
            quote a field that contains a comma with double quotes, and a quote inside it as two). The label may \
            be empty; the category is free text (for example Exchange, Mining, Private, Others). Addresses that \
            are not on chain are kept. The file is checked first: a malformed line, or an address listed twice, \
            refuses the whole file with the line number and nothing is imported. Existing labels of the listed \
            addresses are replaced; with --replace, labels of addresses the file does not list are removed. \
            stats.label_holdings is refreshed at once.
            """
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv"))
    var file: String

    @Flag(help: "Remove the labels of addresses the file does not list.")
    var replace = false

    func run(context: ToolContext) async throws {
        let summary = try LabelImportJob.run(
            configuration: context.configuration, path: file, replacing: replace, logger: context.logger)
        let counts = summary.counts
        var parts = ["\(counts.added) added", "\(counts.changed) changed", "\(counts.unchanged) unchanged"]
        if replace { parts.append("\(counts.removed) removed") }
        print("\(WalletStatsJob.tool): imported \(summary.labels) labels from \(file) (\(parts.joined(separator: ", ")))")
    }
}

/// `wallet-stats labels list [--category NAME]`: CSV on stdout that `labels import` reads back.
struct ListLabelsCommand: WalletStatsSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the labels as CSV (address,label,category), by category then address."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Only this category.")
    var category: String?

    func run(context: ToolContext) async throws {
        let connection = try WalletStatsJob.connect(configuration: context.configuration, logger: context.logger)
        let labels = try AddressLabelStore(connection: connection).list(category: category)
        print(LabelFile.header)
        for stored in labels { print(LabelFile.line(for: stored.label)) }
    }
}
