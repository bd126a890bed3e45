package basemap_test

import (
	"fmt"
	"log"

	"github.com/harmlog/harmlog/basemap"
)

// A lon/lat box drawn in a 900×600 viewport: its middle is the
// viewport's, and the countries in view come with their path data.
func Example() {
	m, err := basemap.Load()
	if err != nil {
		log.Fatal(err)
	}
	f := basemap.Fit(44, 38, 51, 42, 900, 600)
	x, y := f.XY(47.5, 40)
	fmt.Printf("middle at %.0f, %.0f\n", x, y)
	for _, c := range m.Within(f.Box()) {
		if c.ISO == "AZ" || c.ISO == "AM" {
			l, _ := f.Label(c)
			fmt.Printf("%s: path drawn %v, name fits %v\n", c.Name, f.CountryPath(c) != "", l.Width > 100)
		}
	}
	// Output:
	// middle at 450, 300
	// Armenia: path drawn true, name fits true
	// Azerbaijan: path drawn true, name fits true
}
