module github.com/biroadpim/pantau/analytics

go 1.26
