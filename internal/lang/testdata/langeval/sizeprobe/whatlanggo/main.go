package main

import (
	"fmt"
	"os"

	"github.com/abadojack/whatlanggo"
)

func main() { fmt.Println(whatlanggo.Detect(os.Args[0]).Lang) }
