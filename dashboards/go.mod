module github.com/biroadpim/pantau/dashboards

go 1.26
