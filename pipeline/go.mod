module github.com/biroadpim/pantau/pipeline

go 1.26
