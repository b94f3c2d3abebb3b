package clean

import (
	"math"
)

// logReg is a logistic regression over standardised features. It is the
// line classifier's model: small enough to embed as JSON, fast enough to
// score a line in a few hundred nanoseconds, and trained deterministically.
type logReg struct {
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"`
	W    []float64 `json:"w"`
}

func (m *logReg) prob(x []float64) float64 {
	z := 0.0
	for j, v := range x {
		if j >= len(m.W) {
			break
		}
		z += m.W[j] * (v - m.Mean[j]) / m.Std[j]
	}
	return 1 / (1 + math.Exp(-z))
}

// trainLogReg fits weights by full-batch Adam on the weighted log loss
// with an L2 penalty. Full batch and a fixed number of steps make the
// result depend only on the data, never on a random seed.
func trainLogReg(xs [][]float64, ys []float64, ws []float64, l2 float64, steps int) *logReg {
	d := len(xs[0])
	m := &logReg{Mean: make([]float64, d), Std: make([]float64, d), W: make([]float64, d)}
	var wsum float64
	for i, x := range xs {
		for j, v := range x {
			m.Mean[j] += ws[i] * v
		}
		wsum += ws[i]
	}
	for j := range m.Mean {
		m.Mean[j] /= wsum
	}
	for i, x := range xs {
		for j, v := range x {
			dv := v - m.Mean[j]
			m.Std[j] += ws[i] * dv * dv
		}
	}
	for j := range m.Std {
		m.Std[j] = math.Sqrt(m.Std[j] / wsum)
		if m.Std[j] < 1e-9 {
			// A constant feature (the bias) keeps its raw value.
			m.Std[j] = 1
			if m.Mean[j] != 0 {
				m.Mean[j] = 0
			}
		}
	}
	z := make([][]float64, len(xs))
	for i, x := range xs {
		z[i] = make([]float64, d)
		for j, v := range x {
			z[i][j] = (v - m.Mean[j]) / m.Std[j]
		}
	}
	mom := make([]float64, d)
	vel := make([]float64, d)
	g := make([]float64, d)
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	for t := 1; t <= steps; t++ {
		for j := range g {
			g[j] = l2 * m.W[j]
		}
		for i, x := range z {
			s := 0.0
			for j, v := range x {
				s += m.W[j] * v
			}
			p := 1 / (1 + math.Exp(-s))
			e := ws[i] * (p - ys[i]) / wsum
			for j, v := range x {
				g[j] += e * v
			}
		}
		for j := range m.W {
			mom[j] = b1*mom[j] + (1-b1)*g[j]
			vel[j] = b2*vel[j] + (1-b2)*g[j]*g[j]
			mh := mom[j] / (1 - math.Pow(b1, float64(t)))
			vh := vel[j] / (1 - math.Pow(b2, float64(t)))
			m.W[j] -= lr * mh / (math.Sqrt(vh) + eps)
		}
	}
	return m
}
