# Checks a question set's facts against the pages: python3 check-facts.py SET.jsonl [PAGES_DIR]
# Two extractions (an HTML parser and a regex tag strip), both joining inline tags and spacing block tags,
# as the product's HTML reader does. Every fact must be on one listed page; every listed page must state a fact.
import json, re, html, sys, glob, os
from html.parser import HTMLParser
D=(sys.argv[2].rstrip('/')+'/') if len(sys.argv)>2 else '/usr/share/doc/python3.11/html/library/'
BLOCK=set('p div li ul ol dl dt dd blockquote pre section article main figure figcaption caption address hr body header footer aside nav details summary table tr td th h1 h2 h3 h4 h5 h6 br'.split())
class P(HTMLParser):
    def __init__(s): super().__init__(); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t in ('script','style','head','title'): s.skip+=1
        elif t in BLOCK: s.out.append(' ')
    def handle_endtag(s,t):
        if t in ('script','style','head','title'): s.skip=max(0,s.skip-1)
        elif t in BLOCK: s.out.append(' ')
    def handle_data(s,d):
        if not s.skip: s.out.append(d)
norm=lambda t: re.sub(r'\s+',' ',t).lower()
cache={}
def texts(page):
    if page not in cache:
        raw=open(D+page,encoding='utf-8').read()
        p=P(); p.feed(raw); a=norm(''.join(p.out))
        r=re.sub(r'(?is)<(script|style|head)\b.*?</\1>',' ',raw)
        r=re.sub(r'(?i)</?(%s)\b[^>]*>'%'|'.join(BLOCK),' ',r)
        b=norm(html.unescape(re.sub(r'<[^>]+>','',r)))
        cache[page]=(a,b)
    return cache[page]
ok=True
for line in open(sys.argv[1]):
    q=json.loads(line)
    for f in q['facts']:
        n=len(f.split())
        if not 1<=n<=8: print(q['id'],'words',n,f); ok=False
        if q['pages'] and not any(norm(f) in texts(pg)[0] and norm(f) in texts(pg)[1] for pg in q['pages']): print(q['id'],'fact on no page',f); ok=False
    for pg in q['pages']:
        if not any(norm(f) in texts(pg)[0] and norm(f) in texts(pg)[1] for f in q['facts']): print(q['id'],'page states no fact',pg); ok=False
print('ok' if ok else 'FAIL')
