"""Rule summarize: mean and standard deviation over seeds, as CSV and Markdown."""

import json

from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to
from fashion_clustering.summary import scores_table, summarize, to_markdown

log = route_to(snakemake.log[0])
reports = [json.loads(open(path).read()) for path in snakemake.input]
table = summarize(scores_table(reports), snakemake.params.methods)

with atomic_path(snakemake.output.table) as temporary:
    table.to_csv(temporary, index=False, float_format="%.6f")
with atomic_path(snakemake.output.markdown) as temporary:
    temporary.write_text(to_markdown(table))
log.info("summarised %d reports into %s", len(reports), snakemake.output.table)
