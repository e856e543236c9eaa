"""Public portal: catalogue, product and producer pages, GS1 Digital Link, sales-point map, statistics."""
