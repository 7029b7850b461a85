module github.com/tenantatlas/tenantatlas

go 1.26.8

require (
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/maxence-charriere/go-app/v10 v10.1.11 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
