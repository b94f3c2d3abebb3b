package main

import (
	"fmt"
	"os"

	"github.com/pemistahl/lingua-go"
)

func main() {
	d := lingua.NewLanguageDetectorBuilder().FromLanguages(lingua.English, lingua.German).WithLowAccuracyMode().Build()
	fmt.Println(d.DetectLanguageOf(os.Args[0]))
}
