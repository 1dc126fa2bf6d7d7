evaluate progress.plan --data D011-missing.csv --no-color
