import Foundation
public import SimNode
import Synchronization

/// Puts itself between scrape and a simulated node to do to the answers what a faulty or changing node would:
/// rewrite the `getblock` answer for one block, or reorganise the chain after a number of `getblock` calls.
public final class InterceptingNode: HTTPHandler, Sendable {
    private let node: SimNode
    private let rewriteHash: String?
    private let rewrite: (@Sendable (String) -> String)?
    private let reorgAfterCalls: Int?
    private let reorg: (depth: Int, newLength: Int)?
    private let getblockCalls = Mutex(0)

    /// Rewrites the text of every `getblock` answer for the block `hash`.
    public init(node: SimNode, rewritingBlock hash: String, _ rewrite: @escaping @Sendable (String) -> String) {
        self.node = node
        rewriteHash = hash
        self.rewrite = rewrite
        reorgAfterCalls = nil
        reorg = nil
    }

    /// Reorganises the node once, right before answering `getblock` call number `calls`.
    public init(node: SimNode, reorganizingAfter calls: Int, depth: Int, newLength: Int) {
        self.node = node
        rewriteHash = nil
        rewrite = nil
        reorgAfterCalls = calls
        reorg = (depth, newLength)
    }

    public func reply(to request: HTTPRequest) -> HTTPReply {
        let text = String(decoding: request.body, as: UTF8.self)
        let isGetblock = text.contains("\"getblock\"")
        if isGetblock, let reorgAfterCalls, let reorg {
            let count = getblockCalls.withLock { calls in
                calls += 1
                return calls
            }
            if count == reorgAfterCalls { node.reorganize(depth: reorg.depth, newLength: reorg.newLength) }
        }
        let reply = node.reply(to: request)
        guard isGetblock, let rewriteHash, let rewrite, text.contains(rewriteHash), case .respond(var response) = reply else {
            return reply
        }
        response.body = Array(rewrite(String(decoding: response.body, as: UTF8.self)).utf8)
        return .respond(response)
    }
}
