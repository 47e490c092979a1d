#!/usr/bin/env python3
"""Regenerates crate/core/data/targets.tsv and popular*.tsv from the reference lists in
../shared/data/ (the curated brands, Indonesian official domains, the Cloudflare top-100k and the
Moz top 500). The held-out rule here must match `targets::is_held_out` (a test checks popular.tsv).
Needs the PyPI package `xxhash`. Developers only: the product builds from the committed output."""
import csv, os, sys, xxhash, re
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
S=os.environ.get('WASPADA_SHARED_DATA', os.path.join(ROOT,'..','shared','data'))+'/'
OUT=os.path.join(ROOT,'crate','core','data')+'/'
def key(d):
    d=d.strip().lower().rstrip('.')
    if d.startswith('www.'): d=d[4:]
    l=d.split('.')
    if len(l)>=3 and len(l[-1])==2 and len(l[-2])<=3: return l[-3]
    if len(l)>=2: return l[-2]
    return l[0]
def held(d): return xxhash.xxh3_64_intdigest(key(d).encode())%100<15
dom_re=re.compile(r'^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$')
rows=[]; seen=set(); curated_keys=set()
with open(S+'targets.tsv') as f:
    r=csv.reader(f,delimiter='\t'); hdr=next(r)
    for row in r:
        brand,doms,country,sector,src=row[:5]
        ds=[d.strip().lower() for d in doms.split(',') if dom_re.match(d.strip().lower())]
        if not ds: print('skip',brand,doms,file=sys.stderr); continue
        rows.append((brand,','.join(ds),country,sector,src.replace('\t',' ')))
        seen.update(ds)
FORCEKEY={}

CRYPTO=[('MetaMask','metamask.io','metamask',706),('WalletConnect','walletconnect.com','walletconnect',617),('Binance','binance.com','binance',542),('Coinbase','coinbase.com','coinbase',434),('Ledger','ledger.com','',430),('Polkadot','polkadot.network','polkadot',424),('Blockchain.com','blockchain.com','',403),('Ethereum','ethereum.org','',385),('Uniswap','uniswap.org','uniswap',355),('PancakeSwap','pancakeswap.finance','pancakeswap',286),('Trust Wallet','trustwallet.com','trustwallet',152),('OpenSea','opensea.io','opensea',143),('Kraken','kraken.com','kraken',124),('Trezor','trezor.io','trezor',104)]
for b,d,k,n in CRYPTO:
    if d in seen: continue
    seen.add(d)
    rows.append((b,d,'GLOBAL','crypto','CORROBORATED %d hosts imitating the name (containing it or one edit away) in the bundled blocklist sources eth-phishing-detect 1.2.0 + polkadot deny list; official domain in Cloudflare Radar top-100k 2024-01 (crypto drainer targets)'%n))
    FORCEKEY[d]=k
with open(S+'negatives_indonesia.tsv') as f:
    r=csv.reader(f,delimiter='\t'); next(r)
    for d,cat,ev in r:
        d=d.strip().lower()
        if d in seen or not dom_re.match(d): continue
        seen.add(d)
        rows.append((d,d,'ID',cat,'negatives_indonesia.tsv: '+ev))
for _,ds,*_ in rows:
    for d in ds.split(','): curated_keys.add(key(d))
with open(OUT+'targets.tsv','w') as f:
    f.write('# Protected targets: brands and their official domains. Compiled into the data file (sections TGT*).\n')
    f.write('# Sources: ../shared/data/targets.tsv (curated brand list with evidence) and negatives_indonesia.tsv\n')
    f.write('# (official Indonesian domains with evidence). Columns: brand, official domains (comma-separated), country,\n')
    f.write('# sector, evidence. Do not add a domain without evidence.\n')
    f.write('# brand_keys: labels watched for inside other hosts (combosquats, brand embedding); empty when the name\n')
    f.write('# is a common word or the site is not a brand people are phished for (news, media).\n')
    f.write('brand\tofficial_domains\tbrand_keys\tcountry\tsector\tevidence\n')
    GENERIC={'live','office','x','jet','flip','maya','jago','kai','grab','tiket','dream','grid','bola','viva','tempo','suara','uzone','mail','police','axis','apple','amazon','google','dana','seabank','t'}
    for row in rows:
        brand,ds,country,sector,src=row
        keys=[]
        if src.startswith('negatives_indonesia.tsv') and sector.startswith('government'):
            keys=[]
        elif ds in FORCEKEY:
            keys=[FORCEKEY[ds]] if FORCEKEY[ds] else []
        elif not (sector.startswith('news') or sector.startswith('other popular')):
            for d in ds.split(','):
                k=key(d)
                if k not in keys and len(k)>=3 and k not in GENERIC - {'apple','amazon','google','dana','seabank'}: keys.append(k)
        f.write('\t'.join([brand,ds,','.join(keys),country,sector,src])+'\n')
n=0;h=0
with open(S+'dev/negatives_top100k_2024.tsv') as f, open(OUT+'popular.tsv','w') as o:
    o.write('# Popular sites: Cloudflare Radar top-100k domains, January 2024 (CC BY 4.0, https://radar.cloudflare.com/).\n')
    o.write('# Bundled part only: a domain is HELD OUT (not bundled, kept for measuring false positives) when\n')
    o.write('# xxh3_64(group key) % 100 < 15 and the key is not a curated target key; see waspada_core::targets::is_held_out.\n')
    o.write('domain\n')
    r=csv.reader(f,delimiter='\t'); next(r)
    for rank,d in r:
        d=d.strip().lower()
        if not d: continue
        if held(d) and key(d) not in curated_keys: h+=1; continue
        o.write(d+'\n'); n+=1
print('targets',len(rows),'popular',n,'held',h, 'curated keys', len(curated_keys))
with open(OUT+'popular_heldout_keys_note.txt','w') as o: pass
