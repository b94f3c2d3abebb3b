module github.com/dateline-news/dateline/internal/lang/testdata/langeval

go 1.26.8

replace github.com/dateline-news/dateline => ../../../..

require (
	github.com/RadhiFadlillah/whatlanggo v0.0.0-20240916001553-aac1f0f737fc
	github.com/abadojack/whatlanggo v1.0.1
	github.com/dateline-news/dateline v0.0.0-00010101000000-000000000000
	github.com/pemistahl/lingua-go v1.4.0
)

require (
	github.com/shopspring/decimal v1.3.1 // indirect
	golang.org/x/exp v0.0.0-20241009180824-f66d83c29e7c // indirect
	google.golang.org/protobuf v1.31.0 // indirect
)
