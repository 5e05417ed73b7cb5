@main enum SimNodeMain { static func main() {} }
