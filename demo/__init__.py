"""Demo and scale data: the Gowa 2024 office (``gowa``) and the city-scale set for ``bench/``.

It sits above every feature app and writes only through their services."""
