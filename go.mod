module github.com/biroadpim/pantau

go 1.26
