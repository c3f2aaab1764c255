module github.com/biroadpim/pantau/collectors

go 1.26
