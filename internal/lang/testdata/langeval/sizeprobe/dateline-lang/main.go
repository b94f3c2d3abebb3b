package main

import (
	"fmt"
	"os"

	"github.com/dateline-news/dateline/internal/lang"
)

func main() { fmt.Println(lang.Detect(os.Args[0])) }
