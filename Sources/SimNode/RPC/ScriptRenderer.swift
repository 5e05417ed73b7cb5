import ChainETL

/// Renders `scriptPubKey` objects in the shape of the configured dialect.
struct ScriptRenderer {
    let parameters: ChainParameters
    let dialect: RPCDialect

    func write(_ script: [UInt8], to json: inout JSONWriter) {
        let classification = ScriptClassification(script: script)
        json.beginObject()
        json.key("asm")
        json.string(ScriptAssembly.asm(script))
        switch dialect {
        case .modern:
            json.key("desc")
            json.string(ScriptDescriptor.descriptor(of: script, classification: classification, parameters: parameters))
            json.key("hex")
            json.hex(script)
            if let address = ScriptAddress.address(of: classification, parameters: parameters) {
                json.key("address")
                json.string(address)
            }
            json.key("type")
            json.string(classification.type.rawValue)
        case .legacy, .verboseOnly:
            json.key("hex")
            json.hex(script)
            let addresses = ScriptAddress.legacyAddresses(of: classification, parameters: parameters)
            if !addresses.isEmpty, let required = classification.requiredSignatures {
                json.key("reqSigs")
                json.integer(required)
            }
            json.key("type")
            json.string(classification.type.rawValue)
            if !addresses.isEmpty {
                json.key("addresses")
                json.beginArray()
                for address in addresses {
                    json.comma()
                    json.string(address)
                }
                json.endArray()
            }
        }
        json.endObject()
    }
}
