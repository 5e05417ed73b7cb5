@main enum ScrapeMain { static func main() {} }
